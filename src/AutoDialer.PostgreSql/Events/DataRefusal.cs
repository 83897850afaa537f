using Npgsql;

namespace AutoDialer.PostgreSql.Events;

/// <summary>
/// PostgreSQL refused the data itself (SQLSTATE class 22, "data exception": 22P05 untranslatable character, 22P02
/// invalid text representation, 22021 a NUL byte in text, 22003 numeric overflow …): sending it again fails again.
/// Anything else — a lost connection (08…), a server shutting down (57P…), a timeout — may pass on a retry.
/// </summary>
internal static class DataRefusal
{
    public const string SqlStateClass = "22";

    public static bool Is(Exception exception) =>
        exception is PostgresException { SqlState: var state } && state.StartsWith(SqlStateClass, StringComparison.Ordinal);

    /// <summary>The refusal as a quarantine reason: its SQLSTATE and PostgreSQL's words.</summary>
    public static string Reason(Exception exception) =>
        exception is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}" : exception.Message;
}
