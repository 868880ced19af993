import { Duration } from 'cdk8s';
import type * as k8s from '../../imports/networking.istio.io';
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
    _renderDuration(fixedDelay, 'Fault.delay', 'fixedDelay'); // throws at once on a duration Istio rejects
    return new Fault({ fixedDelay, percentage });
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
    return new Fault(undefined, { httpStatus, percentage });
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
    return new Fault(undefined, { grpcStatus, percentage });
  }

  private constructor(private readonly delayValue?: FaultDelay, private readonly abortValue?: FaultAbort) {}

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
  public _toIstio(): k8s.VirtualServiceSpecHttpFault {
    const d = this.delayValue;
    const a = this.abortValue;
    const pct = (percentage?: number) => percentage === undefined ? {} : { percentage: { value: percentage } };
    return {
      ...(d ? { delay: { fixedDelay: _renderDuration(d.fixedDelay, 'Fault.delay', 'fixedDelay'), ...pct(d.percentage) } } : {}),
      ...(a ? {
        abort: { ...(a.httpStatus !== undefined ? { httpStatus: a.httpStatus } : { grpcStatus: a.grpcStatus }), ...pct(a.percentage) },
      } : {}),
    };
  }
}

/** A delay as given to `Fault.delay()`. */
interface FaultDelay {
  readonly fixedDelay: Duration;
  readonly percentage?: number;
}

/** An abort as given to `Fault.abort()` or `Fault.grpcAbort()`. */
interface FaultAbort {
  readonly httpStatus?: number;
  readonly grpcStatus?: string;
  readonly percentage?: number;
}
