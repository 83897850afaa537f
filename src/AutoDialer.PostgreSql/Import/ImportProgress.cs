namespace AutoDialer.PostgreSql.Import;

/// <summary>A progress report while a list is read: rows so far and bytes of the file consumed.</summary>
internal readonly record struct ImportProgress(int Rows, long BytesRead, long TotalBytes)
{
    public double Fraction => TotalBytes == 0 ? 1 : Math.Clamp((double)BytesRead / TotalBytes, 0, 1);
}
