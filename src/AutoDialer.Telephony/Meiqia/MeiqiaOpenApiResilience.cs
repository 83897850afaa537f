using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>
/// The resilience of Meiqia Open API calls, shared by every client instance (the circuit's state must outlive
/// a typed client). Each attempt runs through one circuit breaker and an attempt timeout; the agent list
/// (GET) is retried with jittered exponential backoff on 5xx, 408, 429, timeouts and connection failures;
/// the login (POST) only when the connection failed before the request was sent, since a login that reached
/// Meiqia may already have replaced the agent's token. A 401 is neither retried nor counted by the breaker:
/// it latches for <see cref="MeiqiaOptions.UnauthorizedCooldown"/> instead.
/// </summary>
internal sealed class MeiqiaOpenApiResilience
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _unauthorizedCooldown;
    private long _unauthorizedUntilTicks;

    public MeiqiaOpenApiResilience(MeiqiaOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _unauthorizedCooldown = options.UnauthorizedCooldown;

        Attempt = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.Resilience.Breaker.FailureRatio,
                MinimumThroughput = options.Resilience.Breaker.MinimumThroughput,
                SamplingDuration = options.Resilience.Breaker.SamplingDuration,
                BreakDuration = options.Resilience.Breaker.BreakDuration,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

        Get = Retry(options, time, new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            // An open circuit is not retried: that is what the circuit is for.
            .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests));
        Post = Retry(options, time, new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(NotSent));
    }

    /// <summary>Jittered exponential retries of what <paramref name="retryable"/> accepts; none when retries are off.</summary>
    private static ResiliencePipeline<HttpResponseMessage> Retry(MeiqiaOptions options, TimeProvider time,
        PredicateBuilder<HttpResponseMessage> retryable) =>
        options.Resilience.Retries <= 0 ? ResiliencePipeline<HttpResponseMessage>.Empty : new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Resilience.Retries,
                Delay = options.Resilience.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = retryable,
            })
            .Build();

    /// <summary>One attempt: circuit breaker around the attempt timeout.</summary>
    public ResiliencePipeline<HttpResponseMessage> Attempt { get; }

    /// <summary>Retries for idempotent reads.</summary>
    public ResiliencePipeline<HttpResponseMessage> Get { get; }

    /// <summary>Retries for the login: connection failures before sending only.</summary>
    public ResiliencePipeline<HttpResponseMessage> Post { get; }

    /// <summary>True while a recent 401 says the access token is refused.</summary>
    public bool Unauthorized => _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _unauthorizedUntilTicks);

    public void RecordUnauthorized() =>
        Interlocked.Exchange(ref _unauthorizedUntilTicks, (_time.GetUtcNow() + _unauthorizedCooldown).UtcTicks);

    /// <summary>The request never left this machine: no connection could be made (or the name did not resolve).</summary>
    internal static bool NotSent(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
}
