namespace AutoDialer.Simulation.Pages;

/// <summary>One event waiting in a page's outbox: its sequence number and the <c>event</c> message as sent.</summary>
internal sealed record OutboxEntry(long Seq, string Name, byte[] Message);
