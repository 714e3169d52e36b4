import { extractSegments, replaceSegments } from '../payload/segments';
import { StreamRestorer } from './restore';

/**
 * Text deltas of streamed model answers: OpenAI chat (`choices[i].delta.content`), OpenAI completions
 * (`choices[i].text`), Anthropic (`delta.text`, one stream per content block `index`).
 */
const DELTA_PATH = /^(?:choices\[\d+\]\.delta\.content|choices\[\d+\]\.text|delta\.text)$/;

/**
 * Which stream a delta belongs to: OpenAI numbers choices with `choices[k].index` (each event usually carries one
 * choice at array position 0), Anthropic numbers content blocks with a top-level `index`.
 */
function streamIndex(json: unknown, path: string): string {
  const choice = /^choices\[(\d+)\]/.exec(path);
  const owner = choice ? (json as { choices: Array<{ index?: unknown }> }).choices[Number(choice[1])] : json;
  const index = (owner as { index?: unknown } | undefined)?.index;
  return typeof index === 'number' ? String(index) : '';
}

interface DeltaRef {
  event: number;
  path: string;
  text: string;
}

/**
 * Restores vault tokens in a buffered `text/event-stream` body. A model streams its answer in small deltas, so a
 * token such as `<PERSON_k3x9q2m7ab>` is often split across events; each delta stream (per choice or content block)
 * is run through a `StreamRestorer`, which holds back a possible partial token until the next delta completes it,
 * and whatever is held at the end goes into that stream's last delta. Events that are not JSON pass through.
 */
export async function restoreEventStream(body: string, restore: (text: string) => Promise<{ text: string }>): Promise<{ body: string; restored: boolean }> {
  const events = body.split(/(\r?\n\r?\n)/); // keep separators at odd indices
  const parsed = new Map<number, { prefix: string; json: unknown; suffix: string }>();
  const streams = new Map<string, DeltaRef[]>();
  for (let i = 0; i < events.length; i += 2) {
    const m = /^((?:[^\n]*\n)*?data: ?)(\{.*\})(\s*)$/s.exec(events[i]);
    if (!m) continue;
    let json: unknown;
    try {
      json = JSON.parse(m[2]);
    } catch {
      continue;
    }
    parsed.set(i, { prefix: m[1], json, suffix: m[3] });
    for (const s of extractSegments(json)) {
      if (!DELTA_PATH.test(s.path)) continue;
      const key = `${s.path}#${streamIndex(json, s.path)}`;
      const list = streams.get(key) ?? [];
      list.push({ event: i, path: s.path, text: s.text });
      streams.set(key, list);
    }
  }
  if (streams.size === 0) return { body, restored: false };

  const replacements = new Map<number, Map<string, string>>();
  const set = (ref: DeltaRef, text: string) => {
    const m = replacements.get(ref.event) ?? new Map<string, string>();
    m.set(ref.path, text);
    replacements.set(ref.event, m);
  };
  for (const refs of streams.values()) {
    const restorer = new StreamRestorer(restore);
    const outputs: string[] = [];
    for (const ref of refs) outputs.push(await restorer.push(ref.text));
    outputs[outputs.length - 1] += await restorer.end();
    refs.forEach((ref, k) => set(ref, outputs[k]));
  }
  for (const [i, paths] of replacements) {
    const p = parsed.get(i)!;
    events[i] = `${p.prefix}${JSON.stringify(replaceSegments(p.json, paths))}${p.suffix}`;
  }
  return { body: events.join(''), restored: true };
}
