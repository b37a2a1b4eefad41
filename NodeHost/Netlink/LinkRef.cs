namespace Spiderpool.Netlink;

/// <summary>
/// Names a link either by interface index or by name. Requests that the kernel can resolve by name (RTM_SETLINK,
/// RTM_DELLINK, RTM_GETLINK) send the name; the others (addresses, routes, neighbours, a macvlan's parent) look the
/// index up first.
/// </summary>
public readonly record struct LinkRef
{
    /// <summary>IFNAMSIZ is 16 including the terminating NUL.</summary>
    public const int MaxNameLength = 15;

    private LinkRef(int index, string? name)
    {
        Index = index;
        Name = name;
    }

    /// <summary>The interface index, or 0 when the link is named.</summary>
    public int Index { get; }

    /// <summary>The interface name, or null when the link is given by index.</summary>
    public string? Name { get; }

    public bool IsByName => Name is not null;

    public static LinkRef ByIndex(int index) => index > 0
        ? new LinkRef(index, null)
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"interface index {index} is invalid; indexes start at 1");

    public static LinkRef ByName(string name)
    {
        ValidateName(name, nameof(name));
        return new LinkRef(0, name);
    }

    public static implicit operator LinkRef(string name) => ByName(name);

    public static implicit operator LinkRef(int index) => ByIndex(index);

    /// <summary>Named alternate for the implicit conversion from a name.</summary>
    public static LinkRef FromString(string name) => ByName(name);

    /// <summary>Named alternate for the implicit conversion from an index.</summary>
    public static LinkRef FromInt32(int index) => ByIndex(index);

    /// <summary>Throws unless <paramref name="name"/> is a name the kernel accepts (dev_valid_name).</summary>
    public static void ValidateName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length == 0 || name is "." or ".." || System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameLength)
        {
            throw new ArgumentException($"interface name '{name}' is invalid; use 1 to {MaxNameLength} bytes, not '.' or '..'", parameterName);
        }

        foreach (var c in name)
        {
            if (c is '/' or ':' || char.IsWhiteSpace(c))
            {
                throw new ArgumentException($"interface name '{name}' contains '{c}'; the kernel rejects '/', ':' and whitespace in names", parameterName);
            }
        }
    }

    /// <summary><c>'eth0'</c> or <c>ifindex 7</c>, as used in error messages.</summary>
    public override string ToString() => Name is null ? $"ifindex {Index}" : $"'{Name}'";
}
