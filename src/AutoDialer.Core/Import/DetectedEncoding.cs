using System.Text;

namespace AutoDialer.Core.Import;

/// <summary>
/// The text encoding of a contact list. <paramref name="Name"/> is one of "utf-8", "utf-16le", "utf-16be" or
/// "gb18030" and is what gets recorded with the import. <paramref name="Encoding"/> never emits or expects a
/// preamble: the reader skips <paramref name="PreambleLength"/> bytes itself.
/// </summary>
internal sealed record DetectedEncoding(string Name, Encoding Encoding, int PreambleLength);
