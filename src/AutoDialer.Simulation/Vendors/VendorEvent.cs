using System.Text.Json;

namespace AutoDialer.Simulation.Vendors;

/// <summary>A vendor event as the SDK hands it to <c>on(name, …)</c>: its documented name and payload.</summary>
internal sealed record VendorEvent(string Name, JsonElement Payload, bool IsHangup = false);
