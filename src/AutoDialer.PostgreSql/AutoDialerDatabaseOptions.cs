using AutoDialer.PostgreSql.Embedded;

namespace AutoDialer.PostgreSql;

/// <summary>Which PostgreSQL AutoDialer uses: an existing server, or the embedded one.</summary>
internal sealed class AutoDialerDatabaseOptions
{
    public const string ConnectionStringVariable = "AUTODIALER_DB";

    /// <summary>An Npgsql connection string; default <c>$AUTODIALER_DB</c>. When empty, the embedded server is used.</summary>
    public string? ConnectionString { get; set; } = NullIfBlank(Environment.GetEnvironmentVariable(ConnectionStringVariable));

    public EmbeddedPostgresOptions Embedded { get; set; } = new();

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
