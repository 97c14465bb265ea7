import { tokenize } from "../contract/tokenize.ts";
import { paperContentHash } from "../corpus/paper-text.ts";
import { splitSentences } from "../corpus/split-sentences.ts";
import type { Paper } from "../corpus/types.ts";
import type { PaperRecord } from "../store/paper-record.ts";
import { packSentenceTerms } from "../store/sentence-terms.ts";
import { sentenceRolesOf } from "./sentence-roles-of.ts";

/**
 * What a build computes for a paper before any store sees it: its sentences (offsets into the
 * abstract), the search terms of its title, abstract and each sentence, each sentence's role
 * (see {@link sentenceRolesOf}), and the content hash that keys finished model work.
 *
 * @example
 * paperRecordOf({ id: "x", title: "T", abstract: "One. Two." }).paper.sentences; // [[0, 4], [5, 9]]
 */
export function paperRecordOf(paper: Paper): PaperRecord {
  const sentences = splitSentences(paper.abstract);
  // The sentences hold every word of the abstract and cut only at whitespace, so their terms in
  // turn are the abstract's: it is tokenized once.
  const termsOfSentences = sentences.map((s) => tokenize(s.text));
  return {
    paper: { ...paper, sentences: sentences.map((s) => [s.start, s.end]) },
    titleTerms: tokenize(paper.title),
    abstractTerms: termsOfSentences.flat(),
    sentenceTerms: packSentenceTerms(termsOfSentences),
    sentenceRoles: sentenceRolesOf(sentences.map((s) => s.text)),
    contentHash: paperContentHash(paper),
  };
}
