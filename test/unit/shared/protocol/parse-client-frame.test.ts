import { expect, test } from 'vitest';
import { parseClientFrame } from '../../../../shared/protocol/parse-client-frame.ts';

test.each([
  ['{"type":"ping"}', true],
  ['{"type":"pair","code":"123-456"}', true],
  ['{"type":"auth","clientId":"c","mac":"ab"}', true],
  ['{"type":"prepare","id":"1","origin":"http://mis","record":{}}', true],
  ['{"type":"sign","id":"1","jobId":"j","pin":"123456","certificate":"ff"}', true],
  ['{"type":"certificates","id":"1"}', true],
  ['{"type":"queue","id":"1"}', true],
  ['{"type":"queue","id":"1","limit":20}', true],
  ['{"type":"sign-batch","id":"1","jobIds":["a","b"],"pin":"123456","certificate":"ff"}', true],
  ['{"type":"certificates"}', false],
  ['{"type":"queue","id":"1","limit":-1}', false],
  ['{"type":"queue","id":"1","limit":"all"}', false],
  ['{"type":"sign-batch","id":"1","jobIds":[],"pin":"123456","certificate":"ff"}', false],
  ['{"type":"sign-batch","id":"1","jobIds":"a","pin":"123456","certificate":"ff"}', false],
  ['{"type":"sign-batch","id":"1","jobIds":["a",7],"pin":"123456","certificate":"ff"}', false],
  ['{"type":"sign-batch","id":"1","jobIds":["a"],"certificate":"ff"}', false],
  ['not json', false],
  ['[]', false],
  ['{"type":"launch-missiles"}', false],
  ['{"type":"prepare","id":"1","origin":"http://mis","record":[]}', false],
  ['{"type":"sign","id":"1","jobId":"j","pin":"","certificate":"ff"}', false],
  ['{"type":"pair","code":12345}', false],
  [`{"type":"auth","clientId":"${'x'.repeat(65)}","mac":"ab"}`, false],
])('%s → ok %s', (text, ok) => {
  expect(parseClientFrame(text).ok).toBe(ok);
});
