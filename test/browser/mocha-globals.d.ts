// @web/test-runner runs the browser tests with mocha, whose globals the page provides; these are the
// ones our tests use (without @types/mocha, which would also declare them for the Node tests).
interface MochaContext {
  timeout(ms: number): void;
  skip(): never;
}
type MochaBody = (this: MochaContext) => void | Promise<void>;
declare function describe(title: string, body: (this: MochaContext) => void): void;
declare function it(title: string, body: MochaBody): void;
declare function before(body: MochaBody): void;
declare function after(body: MochaBody): void;
declare function beforeEach(body: MochaBody): void;
declare function afterEach(body: MochaBody): void;
