namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// A contact list that cannot be imported at all (empty, binary, no phone column, an unclosed quote…).
/// The message names the problem in words a campaign manager can act on; nothing has been imported.
/// </summary>
internal sealed class ContactListFormatException(string message) : Exception(message);
