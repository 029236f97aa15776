// Recovery primitives: retry with backoff, circuit breaker, lifecycle state machine. DOM-free.
export { backoffDelays, retry, isAbortError, sleepFor, GLOBAL_TIMERS, type BackoffOptions, type RetryOptions, type RetryAttempt, type Timers } from './retry.js';
export { CircuitBreaker, type BreakerState, type BreakerChange, type BreakerListener, type CircuitBreakerOptions } from './circuit-breaker.js';
export {
  Lifecycle,
  LifecycleTransitionError,
  LIFECYCLE_TRANSITIONS,
  canTransition,
  type LifecycleState,
  type LifecycleTransition,
  type LifecycleListener,
  type LifecycleOptions,
} from './lifecycle.js';
export * from './quality-ladder.js';
export * from './renderer-policy.js';
export { recoverDevice, type DeviceRecoveryWorld, type DeviceRecoveryOutcome } from './device-recovery.js';
export {
  RendererSupervisor,
  DEFAULT_RECOVERY,
  type RecoveryOptions,
  type RendererFactory,
  type SupervisorClock,
  type SupervisorEvents,
  type SupervisedChart,
  type SupervisorKinds,
  type SupervisorWorld,
  type GpuSurface,
  type PendingRenderer,
  type FallbackNotice,
  type QualityDegradation,
} from './renderer-supervisor.js';
export {
  RendererChooser,
  DEFAULT_RENDERER_CHOICE,
  isSoftwareAdapter,
  type RendererChoice,
  type RendererChoiceOptions,
  type RendererMeasurement,
  type AdapterFacts,
} from './renderer-choice.js';
