using Spiderpool.Grains.Interfaces.Allocation;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// Outcome of pool selection. On success <see cref="Interfaces"/> holds what the allocator needs: each NIC with its
/// ordered candidates per family (an empty list means that family is not allocated) and clean-gateway.
/// <see cref="Rejections"/> lists every candidate a filter removed and why, also on success (for logs). On failure
/// <see cref="Error"/> says what to fix and nothing else is set except the rejections that led to it.
/// </summary>
public sealed record SelectionResult
{
    public string? Error { get; init; }

    /// <summary>The kind of failure; <see cref="SelectionFailure.None"/> on success.</summary>
    public SelectionFailure Failure { get; init; }

    public bool Succeeded => Error is null;

    /// <summary>The precedence rule that produced the candidates; null when selection failed before one was chosen.</summary>
    public SelectionSource? Source { get; init; }

    public IReadOnlyList<InterfaceRequest> Interfaces { get; init; } = [];

    /// <summary>Parsed <c>ipam.spidernet.io/routes</c>; attach them after allocation with <see cref="RouteAttacher"/>.</summary>
    public IReadOnlyList<CustomRoute> Routes { get; init; } = [];

    /// <summary>The positional mapping when <c>ipam.spidernet.io/ippools</c> names no interface; empty otherwise.</summary>
    public IReadOnlyList<PositionalInterface> Positional { get; init; } = [];

    public IReadOnlyList<PoolRejection> Rejections { get; init; } = [];

    /// <summary>True in the positional ("no-name") form of <c>ipam.spidernet.io/ippools</c>.</summary>
    public bool IsPositional => Positional.Count > 0;

    internal static SelectionResult Fail(SelectionFailure kind, string error, SelectionSource? source = null, IReadOnlyList<PoolRejection>? rejections = null) =>
        new() { Failure = kind, Error = error, Source = source, Rejections = rejections ?? [] };
}
