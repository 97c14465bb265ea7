import { MAX_K } from "../search/max-k.ts";

/** `paperchat --help` and each command's help: what it does, its flags, examples. */
export const GENERAL_HELP = `paperchat — ask research papers questions, get cited, verbatim answers.

Usage: paperchat <command> [options]

Commands:
  start                 Serve the index, building it first when there is none or its corpus or
                        model changed (what \`npm start\` runs); lexical-only without a model
  serve                 The same as start
  index                 (Re)build the index from the corpus, with a progress bar
  search "QUESTION"     Best papers for a question, with snippets
  similar PAPER_ID      Papers most similar to a paper
  embed "TEXT"...       Embed texts (or stdin lines) and print the vectors
  collection ACTION     Reading lists: list, create, show, rename, delete, add, remove
                        (file: PAPERCHAT_COLLECTIONS, default collections.sqlite in the index folder)
  export (--collection NAME | ID...) [--format bibtex|ris|csl-json]
                        Print papers as a citation file
  model import FROM OUT Convert a sentence-transformers model on disk (BERT family) for --model
                        (--quantize int8: also its int8 encoder, for --dtype q8)

Options for every command:
  --model ID_OR_DIR     Hub model id or local model folder (env PAPERCHAT_MODEL,
                        default Xenova/all-MiniLM-L6-v2)
  --dtype fp32|q8       Which of the model's encoders runs: fp32, or the int8 one,
                        onnx/model_quantized.onnx (env PAPERCHAT_DTYPE). Default: the one
                        the index was built with; for a new index, q8 when the model has it.
                        Env PAPERCHAT_MODEL_THREADS: threads the model runs on (1 for one
                        process a core, such as --part workers on one machine)
  --offline             Never download anything (env PAPERCHAT_OFFLINE=1)
  --index-dir DIR       Where the index lives (env PAPERCHAT_INDEX_DIR, default index/)
  --store URL           Keep the index in an OpenSearch cluster instead (env PAPERCHAT_STORE):
                        http://localhost:9200 or https://user:password@host; needs k-NN
  --store-prefix NAME   Names the cluster's indexes, so corpora can share it
                        (env PAPERCHAT_STORE_PREFIX, default paperchat); env
                        PAPERCHAT_STORE_TIMEOUT: seconds to wait for the cluster (default 30)
  --corpus FILE         Corpus file, repeatable: .txt (trending page), .jsonl/.json, .csv
                        (env PAPERCHAT_CORPUS, comma-separated; default data/trending-papers.txt)
  -h, --help            Help for a command: paperchat search --help
  -v, --version         Print the version

Examples:
  npm run index -- --corpus papers.jsonl
  npx paperchat search "sparse Bayesian neural networks" --k 5
  npx paperchat similar lightgcn-simplifying-and-powering-graph-9e6c4d --json
  PAPERCHAT_OFFLINE=1 PAPERCHAT_MODEL=./models/all-MiniLM-L6-v2 npm start

Exit codes: 0 success, 1 failure (model, index, corpus), 2 wrong usage.`;

export const COMMAND_HELP: Record<string, string> = {
  start: `Usage: paperchat start [--port N] [--host H] [common options]

Serves the existing index (HTTP API and chat page). It builds one first when there is none
(of --corpus, or the bundled corpus), and rebuilds it only when the files it was built from
changed, when --corpus / PAPERCHAT_CORPUS names other files (a line says what is replaced),
when the model has become available for an index built without it, or when another model or
encoder is asked for (--model / PAPERCHAT_MODEL, --dtype / PAPERCHAT_DTYPE; a line says so,
and the corpus is embedded with the new one). Without the model it still serves, lexically.
Same as \`npm start\`. Collections (the page's Library) are kept in PAPERCHAT_COLLECTIONS, by
default collections.sqlite in the index folder, which no build touches.

Example:
  PORT=8080 npx paperchat start --corpus data/trending-papers.txt`,
  serve: `Usage: paperchat serve [--port N] [--host H] [common options]

The same as \`paperchat start\`: serves the existing index, (re)building it only as start
does. PORT defaults to 3000.

Example:
  npx paperchat serve --port 8080`,
  index: `Usage: paperchat index [--corpus FILE]... [--format trending|jsonl|csv] [--force]
                      [--sentence-vectors pooled|separate] [--json] [common options]
       paperchat index --store URL [--part I/N | --publish] [...]

Streams the corpus into a new generation of the index (SQLite: papers, metadata, sentence
offsets, full-text index), embeds each paper once (title + abstract; its sentence vectors are
pooled from the same model pass), builds the HNSW graph, then switches the index to the new
generation atomically. Finished embedding batches are kept in an embedding cache as they
complete: an interrupted build resumes where it stopped, and a grown or shrunk corpus embeds
only its new papers. An unchanged corpus with the same model is not rebuilt (--force rebuilds,
still from the cache). Progress shows rate and ETA (a line at least every 30 s in logs).

With --store URL the index lives in an OpenSearch cluster: a build writes a new index and then
moves the alias paperchat reads (a corpus change of the same model updates the index in place),
and finished model work is read back from the cluster, so it is never redone, on any machine.

  --sentence-vectors separate   embed every sentence on its own too (about 2x the model time)
  --part I/N                    with --store: embed and write only share I of N (by a stable hash
                                of each paper's id); run N workers, on N machines or processes
  --publish                     with --store: put the build the --part workers wrote in force,
                                once every part is in (it names the parts still missing)
  --json                        print a summary: papers, embedded, reused, seconds, part, ...

Examples:
  npm run index
  npm run index -- --corpus papers.jsonl --corpus more.csv
  npx paperchat index --model ./models/all-MiniLM-L6-v2 --offline
  npx paperchat index --store http://localhost:9200 --corpus arxiv.json --part 1/2   # machine 1
  npx paperchat index --store http://localhost:9200 --corpus arxiv.json --part 2/2   # machine 2
  npx paperchat index --store http://localhost:9200 --publish`,
  search: `Usage: paperchat search "QUESTION" [--k N] [--year Y|Y1-Y2] [--category C]...
                        [--json] [common options]

Prints the best N papers (1..${MAX_K}, default 10) with 1-3 verbatim snippets each. --json prints
exactly what GET /api/search returns. Builds or rebuilds the index first when \`paperchat start\`
would (none yet, its corpus or model changed), saying so on stderr.

  --year 2019 | 2019-2021   only papers of that year or range (papers without a year are left out)
  --category cs.LG          only papers in that category; repeat for any of several

Examples:
  npx paperchat search "graph convolution for recommendation" --k 5
  npx paperchat search "TabPFN" --json
  npx paperchat search "diffusion models" --year 2021-2023 --category cs.CV --category cs.LG`,
  similar: `Usage: paperchat similar PAPER_ID [--k N] [--year Y|Y1-Y2] [--category C]...
                        [--json] [common options]

Prints the N papers (1..${MAX_K}, default 5) nearest to a paper, never the paper itself. --json
prints exactly what GET /api/papers/:id/similar returns. Ids are shown by \`paperchat search\`,
and taken as the corpus gives them (arXiv's math/0501001 included).

  --year 2019 | 2019-2021   only papers of that year or range (papers without a year are left out)
  --category cs.LG          only papers in that category; repeat for any of several

Examples:
  npx paperchat similar lightgcn-simplifying-and-powering-graph-9e6c4d --k 5 --json
  npx paperchat similar math/0501001 --year 2000-2010 --category math.CO`,
  embed: `Usage: paperchat embed ["TEXT"...] [--json] [common options]

Embeds each TEXT (or each line of standard input when none is given) and prints one vector
per line as JSON arrays, or with --json the OpenAI-style {"data": [...]} document.

Examples:
  npx paperchat embed "graph neural networks" "object detection"
  cat titles.txt | npx paperchat embed --json > vectors.json`,
  collection: `Usage: paperchat collection ACTION [ARGUMENTS] [--json] [common options]

Keeps named reading lists of papers in a file of their own, apart from the index, so that no
rebuild or change of corpus touches them: PAPERCHAT_COLLECTIONS, by default collections.sqlite
in the index folder (--index-dir). A paper that leaves the corpus stays listed, marked missing.
Names are case-sensitive: 1-100 characters, no control characters, no spaces at either end.
The server shows the same collections (GET /api/collections, and the page's Library).

  list               every collection, with its number of papers
  create NAME        a new, empty collection
  show NAME          its papers, in the order they were added
  rename OLD NEW     give it another name
  delete NAME        delete it (its papers stay in the index)
  add NAME ID...     add papers by id: all or none (an id the index does not hold is an error)
  remove NAME ID     take one paper out

  --json             print what the API answers (GET /api/collections, GET /api/collections/:name)

Examples:
  npx paperchat collection create "Graph recommenders"
  npx paperchat collection add "Graph recommenders" lightgcn-simplifying-and-powering-graph-9e6c4d
  npx paperchat collection show "Graph recommenders" --json
  PAPERCHAT_COLLECTIONS=~/reading.sqlite npx paperchat collection list`,
  export: `Usage: paperchat export (--collection NAME | ID...) [--format bibtex|ris|csl-json]
                        [common options]

Prints papers as a citation file on standard output: the papers of a collection (see
\`paperchat collection\`; PAPERCHAT_COLLECTIONS says where collections are kept), or the papers
named by id. Each entry has the title, authors, year, DOI, arXiv id and URL where the corpus
has them; a paper without metadata is still a valid entry. Same as GET
/api/collections/:name/export and POST /api/export.

  --format bibtex     BibTeX (the default), for LaTeX: \\bibliography{papers}
  --format ris        RIS, for EndNote, Zotero and Mendeley
  --format csl-json   CSL-JSON, for citeproc, pandoc and Zotero

Examples:
  npx paperchat export --collection "Graph recommenders" > graph.bib
  npx paperchat export math/0501001 0704.0001 --format csl-json > papers.json`,
  model: `Usage: paperchat model import FROM OUT [--quantize int8]

Converts a sentence-transformers checkpoint already on disk (a folder with config.json,
model.safetensors and tokenizer.json, as \`model.save(folder)\` writes it) into the folder
paperchat loads: OUT/config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx.
Works offline. Supports BERT-family models (config.json "model_type": "bert"), e.g.
all-MiniLM-L6-v2, BAAI/bge-small-en-v1.5 (CLS pooling is kept), intfloat/e5-small-v2;
refuses others. Texts are cut at the model's max_seq_length, as in sentence-transformers.

  --quantize int8   also write onnx/model_quantized.onnx, the int8 encoder --dtype q8 runs:
                    int8 weights per output channel, activations quantized at run time,
                    calibrated on the bundled corpus (1.3x as fast on AVX2, 2x with VNNI)

Example:
  npx paperchat model import ~/models/all-MiniLM-L6-v2 models/minilm --quantize int8
  PAPERCHAT_OFFLINE=1 PAPERCHAT_MODEL=models/minilm PAPERCHAT_DTYPE=q8 npx paperchat index`,
};
