/** JSONL evaluation files: one `{"text": "...", "entities": [{"type", "start", "end"}]}` per line (UTF-16 offsets). */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DatasetError } from './dataset-error';

export interface JsonlExample {
  text: string;
  entities: { type: string; start: number; end: number }[];
}

const exampleSchema = z.object({
  text: z.string(),
  entities: z.array(z.object({ type: z.string().min(1), start: z.number().int().min(0), end: z.number().int().min(0) })),
});

export function readJsonl(path: string): JsonlExample[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DatasetError(`${path}: cannot be read`, { cause });
  }
  return parseJsonl(content, path);
}

export function parseJsonl(content: string, file = '<jsonl>'): JsonlExample[] {
  const out: JsonlExample[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new DatasetError(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = exampleSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DatasetError(`${file}:${i + 1}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    parsed.data.entities.forEach((e, k) => {
      if (e.end <= e.start || e.end > parsed.data.text.length) {
        throw new DatasetError(`${file}:${i + 1}: entities.${k}: start/end out of range`);
      }
    });
    out.push(parsed.data);
  });
  return out;
}
