namespace Spiderpool.Cni.Plugin;

/// <summary><c>ipam.log_level</c>; lines below the configured level are not written.</summary>
internal enum PluginLogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}
