namespace AutoDialer.Core.Import;

/// <summary>
/// What one pass over an uploaded file found: its content hash (to recognise a re-import of the identical
/// file), its length, its encoding, and whether it looks like a binary file (e.g. an .xlsx renamed .csv).
/// </summary>
internal sealed record ContentProbeResult(byte[] Sha256, long Length, DetectedEncoding Encoding, bool LooksBinary);
