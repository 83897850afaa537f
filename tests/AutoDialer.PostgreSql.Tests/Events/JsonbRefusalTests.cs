using System.Text.Json;
using AutoDialer.PostgreSql.Events;

namespace AutoDialer.PostgreSql.Tests.Events;

public sealed class JsonbRefusalTests
{
    /// <summary>Each case as PostgreSQL 15 answered <c>select '…'::jsonb</c>.</summary>
    [Theory]
    [InlineData("""{"a":"x\u0000y"}""", JsonbRefusal.NulEscape)]
    [InlineData("""{"a\u0000":1}""", JsonbRefusal.NulEscape)]
    [InlineData("""["\ud800"]""", JsonbRefusal.LoneSurrogate)]
    [InlineData("""["\udc00"]""", JsonbRefusal.LoneSurrogate)]
    [InlineData("""["\ud800x"]""", JsonbRefusal.LoneSurrogate)]
    [InlineData("""["\ud800\ud800"]""", JsonbRefusal.LoneSurrogate)]
    [InlineData("[1e131072]", JsonbRefusal.NumberOutOfRange)]
    [InlineData("[1e-16384]", JsonbRefusal.NumberOutOfRange)]
    [InlineData("[0.1e-16383]", JsonbRefusal.NumberOutOfRange)]
    [InlineData("[1e2147483648]", JsonbRefusal.NumberOutOfRange)]
    [InlineData("""{"a":"\ud83d\ude00 \u00e9 \n \\u0000 \"","b":[-12.5e3,0,1e131071,1e-16383,0e200000]}""", null)]
    public void Finds_what_jsonb_refuses_and_nothing_else(string json, string? reason)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(reason, JsonbRefusal.Of(document.RootElement));
    }

    [Theory]
    [InlineData("22P05", true)]
    [InlineData("22P02", true)]
    [InlineData("22021", true)]
    [InlineData("08006", false)]
    [InlineData("57P01", false)]
    [InlineData("40001", false)]
    public void Only_a_data_exception_is_a_refusal_a_lost_connection_or_shutdown_is_retried(string sqlState, bool refused) =>
        Assert.Equal(refused, DataRefusal.Is(new Npgsql.PostgresException("m", "ERROR", "ERROR", sqlState)));
}
