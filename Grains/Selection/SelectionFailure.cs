namespace Spiderpool.Grains.Selection;

/// <summary>Why pool selection failed, so callers decide on a kind instead of reading the message.</summary>
public enum SelectionFailure
{
    /// <summary>Selection succeeded.</summary>
    None,

    /// <summary>
    /// What the user wrote is malformed: an annotation, the CNI configuration, a pool name listed twice, a bad
    /// wildcard, an empty CNI_IFNAME. Fixing that input is the only cure (CNI: invalid request).
    /// </summary>
    InvalidInput,

    /// <summary>
    /// The input is well formed, but no pool can serve it: none named, a named one missing, every candidate filtered
    /// out, or only a disabled family listed (CNI: allocation failed).
    /// </summary>
    NoCandidate,

    /// <summary>The pod asks for something this build does not do (SpiderSubnet auto pools).</summary>
    Unsupported,
}
