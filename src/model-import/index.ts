export {
  IMPORT_RECORD_FILE,
  type ImportedModel,
  type ImportModelOptions,
  importModel,
} from "./import-model.ts";
export { ModelImportError } from "./model-import-error.ts";
