using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.PostgreSql;

/// <summary>
/// The one way AutoDialer opens a connection pool, so every host, command and bench talks to PostgreSQL alike.
/// </summary>
internal static class AutoDialerDataSource
{
    /// <summary>
    /// The service key of AutoDialer's own <see cref="NpgsqlDataSource"/> in an application's container: a host's own
    /// (unkeyed) data source is neither used nor replaced.
    /// </summary>
    public const string ServiceKey = "AutoDialer";

    /// <summary>
    /// A data source for <paramref name="connectionString"/>. Unless the connection string says otherwise, statements
    /// used more than once on a connection are prepared automatically: dispatch and reconciliation run the same few
    /// statements thousands of times a second, and planning them afresh each time is a good part of the server's work.
    /// </summary>
    /// <param name="loggerFactory">Where Npgsql logs (the container's, in a host); none: Npgsql stays silent.</param>
    public static NpgsqlDataSource Create(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (loggerFactory is not null)
            builder.UseLoggerFactory(loggerFactory);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        return builder.Build();
    }
}
