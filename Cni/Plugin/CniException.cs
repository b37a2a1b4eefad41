using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>A failure that ends the invocation as a CNI error result with this code, message and details.</summary>
internal sealed class CniException : Exception
{
    public CniException()
        : this(CniErrorCode.Internal, "internal error")
    {
    }

    public CniException(string message)
        : this(CniErrorCode.Internal, message)
    {
    }

    public CniException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = (int)CniErrorCode.Internal;
    }

    public CniException(CniErrorCode code, string message, string? details = null)
        : this((int)code, message, details)
    {
    }

    public CniException(int code, string message, string? details)
        : base(message)
    {
        Code = code;
        Details = details;
    }

    /// <summary>The CNI error code (1-99 well-known, 100+ ours; see <see cref="CniErrorCode"/>).</summary>
    public int Code { get; }

    /// <summary>The longer explanation, if any.</summary>
    public string? Details { get; }
}
