import { createContext, useContext } from "react";

/** Opens a paper (its abstract and neighbours) in the paper dialog. */
export const OpenPaperContext = createContext<(paperId: string) => void>(() => {});

/**
 * The function that opens a paper in the dialog, for any component below {@link App}.
 *
 * @example
 * const openPaper = useOpenPaper();
 * <button onClick={() => openPaper(paper.id)}>{paper.title}</button>
 */
export function useOpenPaper(): (paperId: string) => void {
  return useContext(OpenPaperContext);
}
