import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataType, encodeModel, floatTensor, int64Tensor, node, valueInfo } from '../src/index.js';

/**
 * A tiny BERT-like sequence classifier in the Hugging Face ONNX export layout (model.onnx,
 * tokenizer.json, tokenizer_config.json, config.json), generated because no model hub is
 * reachable. The graph embeds tokens straight to label logits and mean-pools them under the
 * attention mask: every word votes "SAFE" except "attack", whose vote is strong enough to flip a
 * whole window on its own, so tests can see which windows the classifier looked at.
 */
export const TINY_VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'hello', 'world', 'the', 'cat', 'sat', 'on', 'mat', 'attack', 'ign', '##ore', 'is', 'a', '.', ','];
export const TINY_LABELS = ['SAFE', 'INJECTION'];

export interface TinyHfOptions {
  /** Include a token_type_ids input (BERT) or not (DistilBERT/DeBERTa-v3 exports). */
  tokenTypeIds?: boolean;
  maxPositionEmbeddings?: number;
  /** Put model.onnx and the tokenizer files under onnx/ (Hub repository layout). */
  onnxSubdir?: boolean;
}

export function tinyHfModelBytes(tokenTypeIds: boolean): Uint8Array {
  const V = TINY_VOCAB.length;
  const C = TINY_LABELS.length;
  const emb = new Float32Array(V * C);
  TINY_VOCAB.forEach((tok, i) => {
    emb[i * C] = tok === 'attack' ? 0 : 1;
    emb[i * C + 1] = tok === 'attack' ? 60 : 0;
  });
  const nodes = [
    node('Gather', ['token_embedding', 'input_ids'], ['tok_emb'], { axis: 0 }),
    node('Cast', ['attention_mask'], ['mask_f'], { to: DataType.FLOAT }),
    node('Unsqueeze', ['mask_f', 'axis1'], ['mask_row']),
    node('MatMul', ['mask_row', 'summed_emb'], ['pooled3']),
    node('Squeeze', ['pooled3', 'axis1'], ['pooled_sum']),
    node('ReduceSum', ['mask_f', 'axis1'], ['mask_count'], { keepdims: 1 }),
    node('Div', ['pooled_sum', 'mask_count'], ['pooled']),
    node('Add', ['pooled', 'classifier_bias'], ['logits']),
  ];
  const inits = [floatTensor('token_embedding', [V, C], emb), int64Tensor('axis1', [1], [1]), floatTensor('classifier_bias', [C], new Float32Array([0, -0.5]))];
  const inputs = [valueInfo('input_ids', DataType.INT64, ['batch', 'sequence']), valueInfo('attention_mask', DataType.INT64, ['batch', 'sequence'])];
  if (tokenTypeIds) {
    // Segment embeddings are all zero, but the graph consumes the input like BERT does.
    inputs.push(valueInfo('token_type_ids', DataType.INT64, ['batch', 'sequence']));
    inits.push(floatTensor('type_embedding', [2, C], new Float32Array(2 * C)));
    nodes.unshift(node('Gather', ['type_embedding', 'token_type_ids'], ['type_emb'], { axis: 0 }), node('Add', ['tok_emb', 'type_emb'], ['summed_emb']));
  } else {
    nodes.unshift(node('Identity', ['tok_emb'], ['summed_emb']));
  }
  return encodeModel({ name: 'tiny_bert', nodes, initializers: inits, inputs, outputs: [valueInfo('logits', DataType.FLOAT, ['batch', C])] });
}

export function tinyTokenizerJson(): Record<string, unknown> {
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, '[PAD]'), special(1, '[UNK]'), special(2, '[CLS]'), special(3, '[SEP]'), special(4, '[MASK]')],
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(TINY_VOCAB.map((t, i) => [t, i])),
    },
  };
}

/** Writes the tiny model directory and returns its path. */
export async function writeTinyHfModel(dir: string, opts: TinyHfOptions = {}): Promise<string> {
  const maxPos = opts.maxPositionEmbeddings ?? 16;
  const filesDir = opts.onnxSubdir ? join(dir, 'onnx') : dir;
  await mkdir(filesDir, { recursive: true });
  await writeFile(join(filesDir, 'model.onnx'), tinyHfModelBytes(opts.tokenTypeIds ?? true));
  await writeFile(join(filesDir, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson()));
  await writeFile(
    join(filesDir, 'tokenizer_config.json'),
    JSON.stringify({ do_lower_case: true, model_max_length: maxPos, pad_token: '[PAD]', cls_token: '[CLS]', sep_token: '[SEP]', unk_token: '[UNK]', tokenizer_class: 'BertTokenizer' }),
  );
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({ architectures: ['BertForSequenceClassification'], model_type: 'bert', id2label: { '0': TINY_LABELS[0], '1': TINY_LABELS[1] }, label2id: { SAFE: 0, INJECTION: 1 }, max_position_embeddings: maxPos, pad_token_id: 0 }),
  );
  return dir;
}
