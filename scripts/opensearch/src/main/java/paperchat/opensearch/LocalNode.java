package paperchat.opensearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch 2.19 node with the k-NN plugin, started in this JVM from jars on the classpath,
 * for paperchat's tests. A distribution finds its modules and plugins in folders; this node is
 * handed their classes instead, through the constructor of {@link Node} that takes plugin classes.
 *
 * <p>Arguments are settings, {@code key=value}, given by scripts/opensearch/cluster.sh (ports,
 * paths, names, discovery). The fixed settings below hold for every node it starts.
 *
 * <p>No security plugin: plain HTTP without authentication, on 127.0.0.1 only.
 */
public final class LocalNode extends Node {

  /** Shipped only inside the k-NN zip, which is not on the compile classpath: named, not imported. */
  private static final String KNN_PLUGIN = "org.opensearch.knn.plugin.KNNPlugin";

  private LocalNode(Settings settings, List<Class<? extends Plugin>> plugins) {
    super(
        InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), null, () -> settings.get("node.name")),
        plugins,
        // A real node refuses index settings reserved to OpenSearch itself; so does this one.
        true);
  }

  public static void main(String[] args) throws Exception {
    Settings.Builder settings =
        Settings.builder()
            // Loopback only: tests talk to it from this machine, nothing else may reach it.
            .put("network.host", "127.0.0.1")
            // Shared disks here are often over 85% full; the disk watermarks would then refuse
            // to place replicas (health stuck at yellow) or block writes. Tests set the
            // read-only block themselves when they want to see it.
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got: " + arg);
      }
      settings.put(arg.substring(0, eq), arg.substring(eq + 1));
    }

    List<Class<? extends Plugin>> plugins = new ArrayList<>();
    plugins.add(Netty4Plugin.class); // HTTP and the transport between nodes
    plugins.add(CommonAnalysisPlugin.class); // the analyzers every distribution has
    plugins.add(PainlessPlugin.class); // the plugin k-NN extends
    // knn_vector and the knn query. -Dpaperchat.knn=false (cluster.sh start --without-knn) leaves
    // it out, for a cluster like a user's that lacks it.
    if (Boolean.parseBoolean(System.getProperty("paperchat.knn", "true"))) {
      plugins.add(Class.forName(KNN_PLUGIN).asSubclass(Plugin.class));
    }

    LocalNode node = new LocalNode(settings.build(), plugins);
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM (cluster.sh stop) closes the node cleanly: shards are flushed, the next start is fast.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                    node.awaitClose(20, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    e.printStackTrace();
                  } finally {
                    stopped.countDown();
                  }
                }));
    node.start();
    // The node's own threads are daemons: this thread keeps the JVM alive until shutdown.
    stopped.await();
  }
}
