using System.Text;

namespace AutoDialer.Testing;

/// <summary>Writes test lists to a private temporary folder, in whatever bytes a test needs.</summary>
public sealed class ListFiles : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("autodialer-lists-");

    public string Write(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_directory.FullName, name);

    public void Dispose() => _directory.Delete(recursive: true);
}
