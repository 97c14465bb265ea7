import { CONTINUING_PREFIX, SPECIAL_TOKENS } from "./vocabulary.ts";

type SpecialToken = (typeof SPECIAL_TOKENS)[number];

/**
 * `tokenizer.json` in Hugging Face tokenizers' format for an uncased BERT WordPiece tokenizer:
 * BertNormalizer (lower-case), BertPreTokenizer, WordPiece, `[CLS] $A [SEP]` template.
 *
 * @example
 * writeFileSync("tokenizer.json", JSON.stringify(tokenizerJson(vocabulary), null, 2));
 */
export function tokenizerJson(vocabulary: string[]): object {
  const idOf = (token: SpecialToken): number => vocabulary.indexOf(token);
  const special = (token: SpecialToken) => ({ id: token, ids: [idOf(token)], tokens: [token] });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: idOf(token),
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: { "[CLS]": special("[CLS]"), "[SEP]": special("[SEP]") },
    },
    decoder: { type: "WordPiece", prefix: CONTINUING_PREFIX, cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: CONTINUING_PREFIX,
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary.map((token, id) => [token, id])),
    },
  };
}

/**
 * `tokenizer_config.json` for the same tokenizer; `modelMaxLength` is where truncation cuts.
 *
 * @example
 * tokenizerConfig(128).model_max_length; // 128
 */
export function tokenizerConfig(modelMaxLength: number) {
  return {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    tokenize_chinese_chars: true,
    strip_accents: null,
    clean_up_tokenization_spaces: true,
    model_max_length: modelMaxLength,
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    mask_token: "[MASK]",
  };
}
