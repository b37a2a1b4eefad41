namespace Spiderpool.NodeHost.Hosting;

/// <summary>
/// The unix socket is the daemon's only door and allocates addresses for anyone who can connect, so it is
/// root-only: a directory we create is 0700, and the socket itself is chmod 0600 as soon as it exists.
/// </summary>
internal static class SocketFile
{
    public static void Prepare(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // A socket file left by a daemon that died makes bind fail with "address in use".
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public static void Restrict(string path) => File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
