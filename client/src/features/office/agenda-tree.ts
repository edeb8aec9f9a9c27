/**
 * The agenda builder's tree operations, pure so they can be tested without a browser. Invariants kept by every
 * operation: two levels at most, a sub-item shares its parent's part, and the public part (Ö) comes before the
 * non-public part (N), as the server numbers them. An operation that is not possible returns the same tree object,
 * so callers can tell "nothing changed" by identity.
 */

export interface AgendaTreeItem {
  id: string;
  public: boolean;
  children: AgendaTreeChild[];
}

export interface AgendaTreeChild {
  id: string;
}

export type AgendaTree = readonly AgendaTreeItem[];

export interface FlatAgendaEntry {
  id: string;
  public: boolean;
  parentId: string | null;
}

/** Builds the tree from the server's flat list (in agenda order). */
export function treeFromEntries(entries: readonly FlatAgendaEntry[]): AgendaTreeItem[] {
  const roots = new Map<string, AgendaTreeItem>();
  const ids = new Set(entries.map((e) => e.id));
  for (const entry of entries) {
    if (entry.parentId === null || !ids.has(entry.parentId)) {
      roots.set(entry.id, { id: entry.id, public: entry.public, children: [] });
    }
  }
  for (const entry of entries) {
    if (entry.parentId !== null) roots.get(entry.parentId)?.children.push({ id: entry.id });
  }
  return normalize([...roots.values()]);
}

/** The body of `PUT /api/meetings/:id/agenda` (without the version). */
export function toArrangement(tree: AgendaTree): { id: string; public: boolean; children: { id: string }[] }[] {
  return tree.map((item) => ({ id: item.id, public: item.public, children: item.children.map((c) => ({ id: c.id })) }));
}

/** Stable: Ö items first, N items after, each part in its current order. */
function normalize(items: AgendaTreeItem[]): AgendaTreeItem[] {
  return [...items.filter((i) => i.public), ...items.filter((i) => !i.public)];
}

export interface Location {
  /** Index of the top-level item (or of the parent for a sub-item). */
  index: number;
  /** Index among the parent's children; null for a top-level item. */
  childIndex: number | null;
}

export function locate(tree: AgendaTree, id: string): Location | null {
  for (let index = 0; index < tree.length; index++) {
    const item = tree[index]!;
    if (item.id === id) return { index, childIndex: null };
    const childIndex = item.children.findIndex((c) => c.id === id);
    if (childIndex >= 0) return { index, childIndex };
  }
  return null;
}

function withChildren(tree: AgendaTree, index: number, children: AgendaTreeChild[]): AgendaTreeItem[] {
  return tree.map((item, i) => (i === index ? { ...item, children } : item));
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  const copy = [...list];
  [copy[a], copy[b]] = [copy[b]!, copy[a]!];
  return copy;
}

/** One place up within its part (a top-level item) or within its parent (a sub-item). */
export function moveUp(tree: AgendaTree, id: string): AgendaTree {
  const at = locate(tree, id);
  if (!at) return tree;
  if (at.childIndex !== null) {
    if (at.childIndex === 0) return tree;
    return withChildren(tree, at.index, swap(tree[at.index]!.children, at.childIndex, at.childIndex - 1));
  }
  const previous = tree[at.index - 1];
  if (!previous || previous.public !== tree[at.index]!.public) return tree;
  return swap(tree, at.index, at.index - 1);
}

export function moveDown(tree: AgendaTree, id: string): AgendaTree {
  const at = locate(tree, id);
  if (!at) return tree;
  if (at.childIndex !== null) {
    const children = tree[at.index]!.children;
    if (at.childIndex === children.length - 1) return tree;
    return withChildren(tree, at.index, swap(children, at.childIndex, at.childIndex + 1));
  }
  const next = tree[at.index + 1];
  if (!next || next.public !== tree[at.index]!.public) return tree;
  return swap(tree, at.index, at.index + 1);
}

/** A top-level item without sub-items becomes the last sub-item of the item above it in the same part. */
export function indent(tree: AgendaTree, id: string): AgendaTree {
  const at = locate(tree, id);
  if (!at || at.childIndex !== null) return tree;
  const item = tree[at.index]!;
  const previous = tree[at.index - 1];
  if (item.children.length > 0 || !previous || previous.public !== item.public) return tree;
  const result = withChildren(tree, at.index - 1, [...previous.children, { id: item.id }]);
  result.splice(at.index, 1);
  return result;
}

/**
 * A sub-item becomes a top-level item right after its parent, in the parent's part. The sub-items after it go with
 * it, so the printed order does not change (the usual outliner behaviour).
 */
export function outdent(tree: AgendaTree, id: string): AgendaTree {
  const at = locate(tree, id);
  if (!at || at.childIndex === null) return tree;
  const parent = tree[at.index]!;
  const following = parent.children.slice(at.childIndex + 1);
  const result = withChildren(tree, at.index, parent.children.slice(0, at.childIndex));
  result.splice(at.index + 1, 0, { id, public: parent.public, children: following });
  return result;
}

/**
 * Moves a top-level item (with its sub-items) into the other part: into N it goes first (right below the line),
 * into Ö last, so it moves as little as possible.
 */
export function moveToPart(tree: AgendaTree, id: string, toPublic: boolean): AgendaTree {
  const at = locate(tree, id);
  if (!at || at.childIndex !== null) return tree;
  const item = tree[at.index]!;
  if (item.public === toPublic) return tree;
  const rest = tree.filter((_, i) => i !== at.index);
  const moved = { ...item, public: toPublic };
  // Both land on the line between the parts: last of Ö, or first of N.
  return [...rest.filter((i) => i.public), moved, ...rest.filter((i) => !i.public)];
}

export type DropPosition = 'before' | 'after' | 'inside';

/**
 * Drag and drop: puts `id` before, after or inside `targetId`. Takes the target's part. Refused (same tree) where it
 * would break the invariants: an item with sub-items cannot become a sub-item, nothing goes inside a sub-item, and
 * an item cannot be dropped on itself or into its own sub-items.
 */
export function moveTo(tree: AgendaTree, id: string, targetId: string, position: DropPosition): AgendaTree {
  if (id === targetId) return tree;
  const from = locate(tree, id);
  const target = locate(tree, targetId);
  if (!from || !target) return tree;
  const moving =
    from.childIndex === null
      ? tree[from.index]!
      : { id, public: tree[from.index]!.public, children: [] as AgendaTreeChild[] };
  const becomesChild = target.childIndex !== null || position === 'inside';
  if (becomesChild && moving.children.length > 0) return tree;
  if (target.childIndex !== null && position === 'inside') return tree;
  if (from.childIndex === null && target.index === from.index) return tree;

  // Take the item out first, then find the target again (indices may have shifted).
  const without: AgendaTreeItem[] =
    from.childIndex === null
      ? tree.filter((_, i) => i !== from.index)
      : withChildren(
          tree,
          from.index,
          tree[from.index]!.children.filter((c) => c.id !== id),
        );
  const to = locate(without, targetId)!;
  const targetItem = without[to.index]!;

  if (becomesChild) {
    const children = [...targetItem.children];
    if (position === 'inside') children.push({ id });
    else children.splice(to.childIndex! + (position === 'after' ? 1 : 0), 0, { id });
    return withChildren(without, to.index, children);
  }
  const result = [...without];
  result.splice(to.index + (position === 'after' ? 1 : 0), 0, { ...moving, public: targetItem.public });
  return normalize(result);
}

/** What the keyboard buttons of one item may do right now (a disabled button says "not possible"). */
export function possibleMoves(tree: AgendaTree, id: string) {
  return {
    up: moveUp(tree, id) !== tree,
    down: moveDown(tree, id) !== tree,
    indent: indent(tree, id) !== tree,
    outdent: outdent(tree, id) !== tree,
    toPublic: moveToPart(tree, id, true) !== tree,
    toNonPublic: moveToPart(tree, id, false) !== tree,
  };
}
