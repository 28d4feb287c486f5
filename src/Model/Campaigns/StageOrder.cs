namespace Escalator.Model.Campaigns;

/// <summary>Orders stages so that each comes after the stages it names in <c>after</c>, and finds cycles.</summary>
public static class StageOrder
{
    /// <summary>A cycle in the graph as the list of its nodes in order, or null when there is none.</summary>
    /// <param name="after">For each node, the nodes it must come after.</param>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, List<string>> after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var start in after.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle) return cycle;
        }
        return null;

        IReadOnlyList<string>? Visit(string node)
        {
            switch (state.GetValueOrDefault(node))
            {
                case 2: return null;
                case 1: return stack[stack.IndexOf(node)..];
            }
            state[node] = 1;
            stack.Add(node);
            foreach (var next in after.TryGetValue(node, out var list) ? list : [])
            {
                if (Visit(next) is { } cycle) return cycle;
            }
            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    /// <summary>A topological order that keeps the file order wherever dependencies allow (Kahn's algorithm, stable).</summary>
    /// <exception cref="InvalidOperationException">The graph has a cycle (validation reports it before plans are made).</exception>
    public static IReadOnlyList<Stage> Sort(IReadOnlyList<Stage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<Stage>(stages.Count);
        while (order.Count < stages.Count)
        {
            var next = stages.FirstOrDefault(s => !done.Contains(s.Name) && s.After.All(done.Contains))
                ?? throw new InvalidOperationException("the stages form a cycle: " + string.Join(", ", stages.Where(s => !done.Contains(s.Name)).Select(s => s.Name)));
            order.Add(next);
            done.Add(next.Name);
        }
        return order;
    }
}
