// The one place the benchmarks import the LINE Messaging API stand-in from (it moved from
// test/stand-ins/line-messaging-api.ts to platform/line-stand-in/; change this line if it moves again).
export { startLineStandIn } from '../../platform/line-stand-in/line-stand-in';
export type { LineStandIn, RecordedLineRequest } from '../../platform/line-stand-in/line-stand-in';
