namespace AutoDialer.PostgreSql.Embedded;

/// <summary>
/// The embedded PostgreSQL server could not be found, initialised, started or stopped.
/// The message is meant for the person at the terminal: it says what failed and what to do about it.
/// </summary>
internal sealed class EmbeddedPostgresException : Exception
{
    public EmbeddedPostgresException(string message)
        : base(message)
    {
    }

    public EmbeddedPostgresException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The server log, when the failure happened after the server had one.</summary>
    public string? LogFile { get; init; }
}
