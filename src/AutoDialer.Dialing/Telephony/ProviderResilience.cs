using AutoDialer.Core.Telephony;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;

namespace AutoDialer.Dialing.Telephony;

/// <summary>
/// The resilience of one provider account. Make-call is not idempotent: it gets a timeout and a circuit breaker,
/// never a retry. Reads (agent lists, number sources, GetState) and setting a number source are safe to repeat:
/// jittered retries (as many as configured, none at 0), each try within the read timeout, and their own breaker. An
/// open make-call circuit pauses dispatch for the account rather than burning through the list with calls that cannot
/// connect.
/// <para>Both pipelines report through Polly's telemetry (its <c>Polly</c> meter, which the node exports): each breaker's
/// state changes, each retry and each timeout is a <c>resilience.polly.strategy.events</c> measurement tagged with the
/// pipeline (<see cref="MakeCallPipeline"/>, <see cref="ReadsPipeline"/>) and, as its instance, the account.</para>
/// </summary>
internal sealed class ProviderResilience
{
    /// <summary>The make-call pipeline's name in Polly's telemetry (<c>pipeline.name</c>).</summary>
    public const string MakeCallPipeline = "autodialer.make_call";

    /// <summary>The reads' pipeline's name in Polly's telemetry (<c>pipeline.name</c>).</summary>
    public const string ReadsPipeline = "autodialer.reads";

    /// <summary>Polly's telemetry without logging: the node's own log already says when dispatch pauses.</summary>
    private static readonly TelemetryOptions PollyTelemetry = new();

    private readonly CircuitBreakerStateProvider _makeCallCircuit = new();
    private readonly CircuitBreakerStateProvider _readCircuit = new();
    private readonly ResiliencePipeline<VendorResult<MakeCallAccepted>> _makeCall;
    private readonly ResiliencePipeline _reads;

    private readonly TimeProvider _timeProvider;
    private long _pausedUntilTicks;

    public ProviderResilience(string accountId, DialingOptions options, TimeProvider timeProvider)
    {
        AccountId = accountId;
        _timeProvider = timeProvider;
        _makeCall = new ResiliencePipelineBuilder<VendorResult<MakeCallAccepted>> { TimeProvider = timeProvider, Name = MakeCallPipeline, InstanceName = accountId }
            .ConfigureTelemetry(PollyTelemetry)
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<VendorResult<MakeCallAccepted>>
            {
                FailureRatio = options.Resilience.Breaker.FailureRatio,
                MinimumThroughput = options.Resilience.Breaker.MinimumThroughput,
                SamplingDuration = options.Resilience.Breaker.SamplingDuration,
                BreakDuration = options.Resilience.Breaker.BreakDuration,
                StateProvider = _makeCallCircuit,
                OnOpened = args =>
                {
                    Interlocked.Exchange(ref _pausedUntilTicks, (timeProvider.GetUtcNow() + args.BreakDuration).UtcTicks);
                    return default;
                },
                ShouldHandle = new PredicateBuilder<VendorResult<MakeCallAccepted>>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsProviderFailure),
            })
            .AddTimeout(options.MakeCallTimeout)
            .Build();

        var reads = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = ReadsPipeline, InstanceName = accountId };
        reads.ConfigureTelemetry(PollyTelemetry);
        // Polly's retry takes at least one retry: with none configured there is no retry strategy at all.
        if (options.Resilience.Retries > 0)
        {
            reads.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.Resilience.Retries,
                Delay = options.Resilience.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<VendorFailure>().Handle<TimeoutRejectedException>(),
            });
        }

        _reads = reads
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.Resilience.Breaker.FailureRatio,
                MinimumThroughput = options.Resilience.Breaker.MinimumThroughput,
                SamplingDuration = options.Resilience.Breaker.SamplingDuration,
                BreakDuration = options.Resilience.Breaker.BreakDuration,
                StateProvider = _readCircuit,
                ShouldHandle = new PredicateBuilder().Handle<VendorFailure>().Handle<TimeoutRejectedException>(),
            })
            // Innermost: each try has its own timeout.
            .AddTimeout(options.ReadTimeout)
            .Build();
    }

    public string AccountId { get; }

    /// <summary>
    /// Whether dispatch for this account is paused because calls keep failing at the provider: for the break duration
    /// after the circuit opened. Not for as long as the state reads Open: Polly moves an open circuit to half-open only
    /// when a call is attempted after the break, so pausing on the state alone would never let the probe through and
    /// dispatch would stay paused for good after the first outage.
    /// </summary>
    public bool DispatchPaused => _makeCallCircuit.CircuitState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => _timeProvider.GetUtcNow().UtcTicks < Interlocked.Read(ref _pausedUntilTicks),
        _ => false,
    };

    public CircuitState MakeCallCircuitState => _makeCallCircuit.CircuitState;
    public CircuitState ReadCircuitState => _readCircuit.CircuitState;

    /// <summary>The names a circuit's state goes by on <c>/metrics</c> (<c>autodialer.provider.circuit_state</c>).</summary>
    public static IReadOnlyList<(CircuitState State, string Name)> CircuitStateNames { get; } =
        [(CircuitState.Closed, "closed"), (CircuitState.Open, "open"), (CircuitState.HalfOpen, "half_open"), (CircuitState.Isolated, "isolated")];

    /// <summary>Places a call. A timeout or an open circuit comes back as a typed result; nothing is retried.</summary>
    public async Task<VendorResult<MakeCallAccepted>> MakeCallAsync(IAgentSession session, MakeCallRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _makeCall.ExecuteAsync(async ct => await session.MakeCallAsync(request, ct), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return VendorResult<MakeCallAccepted>.Timeout();
        }
        catch (BrokenCircuitException)
        {
            return VendorResult<MakeCallAccepted>.Failure(CircuitOpenCode, "dispatch paused: the provider keeps failing");
        }
    }

    /// <summary>An idempotent vendor request with retries; failures come back as the vendor's last result.</summary>
    public Task<VendorResult<TData>> ReadAsync<TData>(Func<CancellationToken, Task<VendorResult<TData>>> request, CancellationToken cancellationToken) =>
        ExecuteReadAsync(request, (code, message) => VendorResult<TData>.Failure(code, message), cancellationToken);

    /// <summary>An idempotent vendor request without data (e.g. selecting a number source) with retries.</summary>
    public Task<VendorResult> ReadAsync(Func<CancellationToken, Task<VendorResult>> request, CancellationToken cancellationToken) =>
        ExecuteReadAsync(request, (code, message) => VendorResult.Failure(code, message), cancellationToken);

    private async Task<T> ExecuteReadAsync<T>(Func<CancellationToken, Task<T>> request, Func<string, string, T> failure,
        CancellationToken cancellationToken) where T : VendorResult
    {
        try
        {
            return await _reads.ExecuteAsync(async ct =>
            {
                var result = await request(ct);
                if (!result.IsSuccess && IsProviderFailure(result)) throw new VendorFailure(result);
                return result;
            }, cancellationToken);
        }
        catch (VendorFailure e)
        {
            return (T)e.Result;
        }
        catch (TimeoutRejectedException e)
        {
            return failure(VendorCodes.Timeout, e.Message);
        }
        catch (BrokenCircuitException e)
        {
            return failure(CircuitOpenCode, e.Message);
        }
    }

    /// <summary>Local code for a call refused by our own open circuit (the provider was never asked).</summary>
    public const string CircuitOpenCode = MakeCallFailures.CircuitOpenCode;

    /// <summary>
    /// A failure that says the provider is unwell, as opposed to something about this number, this agent (busy, not
    /// registered, device offline) or our request (validation, length): only these count toward the breaker.
    /// </summary>
    public static bool IsProviderFailure(VendorResult result) => MakeCallFailures.CountsAgainstProvider(result);

    private sealed class VendorFailure(VendorResult result) : Exception(result.Message)
    {
        public VendorResult Result { get; } = result;
    }
}
