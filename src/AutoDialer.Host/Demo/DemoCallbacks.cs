using System.Text.Json.Serialization;

namespace AutoDialer.Host.Demo;

/// <param name="Scheduled">Callbacks the simulated agents asked for and the dialer recorded.</param>
/// <param name="Dialled">Calls the dialer placed for a callback (the database's count: attempts that dial one).</param>
internal sealed record DemoCallbacks(
    [property: JsonPropertyName("scheduled")] long Scheduled,
    [property: JsonPropertyName("dialled")] long Dialled);
