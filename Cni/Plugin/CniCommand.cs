namespace Spiderpool.Cni.Plugin;

/// <summary>The CNI verbs (CNI_COMMAND) this plugin serves.</summary>
internal enum CniCommand
{
    Add,
    Del,
    Check,
    Status,
    Gc,
    Version,
}
