import { Duration } from 'cdk8s';
import { _renderDuration } from '../core/_duration';
import { _fail, _Problems } from '../core/_errors';
import { _checkPercentage } from '../core/_numbers';

/**
 * Faults to inject into the requests of a route, to test how callers cope: delays, aborts, or both.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection
 */
export class Fault {
  /**
   * Delay a percentage of requests by a fixed time before forwarding them.
   *
   * @param percentage share of requests delayed, 0 to 100; all of them when left out
   * @example Fault.delay(Duration.seconds(7), 100)
   */
  public static delay(fixedDelay: Duration, percentage?: number): Fault {
    const problems = new _Problems('Fault.delay');
    _checkPercentage(problems, 'percentage', percentage);
    problems.throwIfAny();
    return new Fault({ fixedDelay: _renderDuration(fixedDelay, 'Fault.delay', 'fixedDelay'), ...Fault.pct(percentage) });
  }

  /**
   * Abort a percentage of requests with an HTTP status code.
   *
   * @param percentage share of requests aborted, 0 to 100; all of them when left out
   */
  public static abort(httpStatus: number, percentage?: number): Fault {
    const problems = new _Problems('Fault.abort');
    problems.check(Number.isInteger(httpStatus) && httpStatus >= 200 && httpStatus <= 599, 'httpStatus', 'must be an HTTP status code from 200 to 599', httpStatus,
      'Use a status code such as 503.');
    _checkPercentage(problems, 'percentage', percentage);
    problems.throwIfAny();
    return new Fault(undefined, { httpStatus, ...Fault.pct(percentage) });
  }

  /**
   * Abort a percentage of gRPC requests with a gRPC status (`UNAVAILABLE`, `DEADLINE_EXCEEDED` ...).
   *
   * @param percentage share of requests aborted, 0 to 100; all of them when left out
   */
  public static grpcAbort(grpcStatus: string, percentage?: number): Fault {
    const problems = new _Problems('Fault.grpcAbort');
    problems.check(/^[A-Z_]+$/.test(grpcStatus), 'grpcStatus', 'must be a gRPC status name', grpcStatus, 'Use a name such as UNAVAILABLE.');
    _checkPercentage(problems, 'percentage', percentage);
    problems.throwIfAny();
    return new Fault(undefined, { grpcStatus, ...Fault.pct(percentage) });
  }

  private static pct(percentage?: number): any {
    return percentage === undefined ? {} : { percentage: { value: percentage } };
  }

  private constructor(private readonly delayValue?: any, private readonly abortValue?: any) {}

  /**
   * Both this fault and another: a delay with an abort.
   *
   * @example Fault.delay(Duration.seconds(5), 100).and(Fault.abort(503, 100))
   */
  public and(other: Fault): Fault {
    if ((this.delayValue && other.delayValue) || (this.abortValue && other.abortValue)) {
      _fail('Fault.and', 'other', 'must not repeat a delay or an abort', other._toIstio(), 'Combine one delay with one abort.');
    }
    return new Fault(this.delayValue ?? other.delayValue, this.abortValue ?? other.abortValue);
  }

  /** @internal */
  public _toIstio(): any {
    return {
      ...(this.delayValue ? { delay: { ...this.delayValue } } : {}),
      ...(this.abortValue ? { abort: { ...this.abortValue } } : {}),
    };
  }
}
