using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// Streams the file part of a multipart upload straight to disk (never buffered in memory, never through the form
/// reader's size limits) into the upload folder the import job reads. A transfer that fails leaves no file behind.
/// </summary>
internal sealed class UploadStorage(IOptions<AutoDialerOptions> options)
{
    public string Folder => Path.Combine(options.Value.DataDirectory, "uploads");

    /// <returns>The stored file, or an error a client can act on.</returns>
    public async Task<(StoredUpload? File, string? Error)> SaveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
            return (null, "Send the list as multipart/form-data with one file part.");

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition())
                continue;

            var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
            if (string.IsNullOrWhiteSpace(fileName)) fileName = "upload.csv";
            var stored = await WriteAsync(section.Body, fileName, cancellationToken);
            return stored.Length == 0 ? (null, Discard(stored, "The file is empty.")) : (stored, null);
        }
        return (null, "The request has no file part.");
    }

    private async Task<StoredUpload> WriteAsync(Stream body, string fileName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        // A name of our own: the client's file name is kept as data, never trusted as a path.
        var path = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}{SafeExtension(fileName)}");
        var partial = path + ".part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await body.CopyToAsync(file, 1 << 16, cancellationToken);
            File.Move(partial, path);
            return new StoredUpload(path, fileName, new FileInfo(path).Length);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static string? Discard(StoredUpload stored, string error)
    {
        File.Delete(stored.Path);
        return error;
    }

    private static string SafeExtension(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        return extension.Length is > 1 and <= 8 && extension.Skip(1).All(char.IsAsciiLetterOrDigit) ? extension.ToLowerInvariant() : ".csv";
    }
}

/// <param name="FileName">The name the client gave the file.</param>
internal sealed record StoredUpload(string Path, string FileName, long Length);
