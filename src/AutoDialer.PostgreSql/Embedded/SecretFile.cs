using System.Runtime.Versioning;
namespace AutoDialer.PostgreSql.Embedded;

/// <summary>A file only its owner can read, written whole or not at all.</summary>
[UnsupportedOSPlatform("windows")]
internal static class SecretFile
{
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        // Created 600 from the start: there is no moment when the password is readable by others.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        try
        {
            await using (var writer = new StreamWriter(temporary, options))
            {
                await writer.WriteAsync(content.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
