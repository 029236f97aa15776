// @ts-check
/** The engine cannot be reached or was closed: 503 to the client, worth a retry later. */
export class EngineDown extends Error {
  /**
   * @param {string} engine
   * @param {string} why
   */
  constructor(engine, why) {
    super(`${engine} is unavailable: ${why}`);
    this.engine = engine;
  }
}

/** A query ran past the engine's time limit: 504, with advice. */
export class QueryTimeout extends Error {
  /**
   * @param {string} engine
   * @param {number} ms
   */
  constructor(engine, ms) {
    super(`${engine} query ran longer than ${ms} ms (ask for a tile-aligned window, fewer pixels or a shorter range)`);
    this.engine = engine;
  }
}
