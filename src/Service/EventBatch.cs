namespace Escalator.Service;

/// <summary>Events of a run from <see cref="FirstId"/> on, whether no more will come for now, and what to wait on for more.</summary>
internal sealed record EventBatch(int FirstId, IReadOnlyList<string> Lines, bool Idle, Task Changed);
