import { describe, expect, it } from 'vitest';
import {
  indent,
  moveDown,
  moveTo,
  moveToPart,
  moveUp,
  outdent,
  possibleMoves,
  toArrangement,
  treeFromEntries,
  type AgendaTree,
} from './agenda-tree';

/** Compact notation: "Ö a[b c]" is a public item a with sub-items b and c. */
function show(tree: AgendaTree): string {
  return tree
    .map(
      (i) => `${i.public ? 'Ö' : 'N'} ${i.id}${i.children.length ? `[${i.children.map((c) => c.id).join(' ')}]` : ''}`,
    )
    .join(', ');
}

const tree: AgendaTree = [
  { id: 'a', public: true, children: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }] },
  { id: 'b', public: true, children: [] },
  { id: 'c', public: true, children: [] },
  { id: 'x', public: false, children: [] },
  { id: 'y', public: false, children: [{ id: 'y1' }] },
];

describe('treeFromEntries', () => {
  it('nests sub-items under their parents and puts the public part first', () => {
    const built = treeFromEntries([
      { id: 'x', public: false, parentId: null },
      { id: 'a', public: true, parentId: null },
      { id: 'a1', public: true, parentId: 'a' },
      { id: 'b', public: true, parentId: null },
    ]);
    expect(show(built)).toBe('Ö a[a1], Ö b, N x');
  });

  it('treats an item whose parent is missing as top-level', () => {
    expect(show(treeFromEntries([{ id: 'z', public: true, parentId: 'gone' }]))).toBe('Ö z');
  });
});

describe('toArrangement', () => {
  it('sends ids, parts and sub-items in order', () => {
    expect(toArrangement(tree.slice(0, 1))).toEqual([
      { id: 'a', public: true, children: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }] },
    ]);
  });
});

describe('moveUp and moveDown', () => {
  it('swaps a top-level item with its neighbour in the same part', () => {
    expect(show(moveUp(tree, 'b'))).toBe('Ö b, Ö a[a1 a2 a3], Ö c, N x, N y[y1]');
    expect(show(moveDown(tree, 'x'))).toBe('Ö a[a1 a2 a3], Ö b, Ö c, N y[y1], N x');
  });

  it('does not cross the line between the public and the non-public part', () => {
    expect(moveUp(tree, 'x')).toBe(tree);
    expect(moveDown(tree, 'c')).toBe(tree);
  });

  it('stops at the ends', () => {
    expect(moveUp(tree, 'a')).toBe(tree);
    expect(moveDown(tree, 'y')).toBe(tree);
  });

  it('moves sub-items within their parent only', () => {
    expect(show(moveUp(tree, 'a2'))).toBe('Ö a[a2 a1 a3], Ö b, Ö c, N x, N y[y1]');
    expect(show(moveDown(tree, 'a2'))).toBe('Ö a[a1 a3 a2], Ö b, Ö c, N x, N y[y1]');
    expect(moveUp(tree, 'a1')).toBe(tree);
    expect(moveDown(tree, 'a3')).toBe(tree);
  });

  it('leaves the tree alone for an unknown id', () => {
    expect(moveUp(tree, 'nope')).toBe(tree);
  });
});

describe('indent and outdent', () => {
  it('makes an item the last sub-item of the item above it', () => {
    expect(show(indent(tree, 'b'))).toBe('Ö a[a1 a2 a3 b], Ö c, N x, N y[y1]');
    expect(show(indent(tree, 'c'))).toBe('Ö a[a1 a2 a3], Ö b[c], N x, N y[y1]');
  });

  it('refuses the first item of a part, an item with sub-items and a sub-item', () => {
    expect(indent(tree, 'a')).toBe(tree);
    expect(indent(tree, 'x')).toBe(tree);
    expect(indent(tree, 'y')).toBe(tree);
    expect(indent(tree, 'a1')).toBe(tree);
  });

  it('outdents a sub-item right after its parent, taking the following sub-items along', () => {
    expect(show(outdent(tree, 'a2'))).toBe('Ö a[a1], Ö a2[a3], Ö b, Ö c, N x, N y[y1]');
    expect(show(outdent(tree, 'y1'))).toBe('Ö a[a1 a2 a3], Ö b, Ö c, N x, N y, N y1');
  });

  it('refuses to outdent a top-level item', () => {
    expect(outdent(tree, 'b')).toBe(tree);
  });

  it('undoes an indent with an outdent', () => {
    expect(show(outdent(indent(tree, 'c'), 'c'))).toBe(show(tree));
  });
});

describe('moveToPart', () => {
  it('moves an item into the non-public part as its first item, with its sub-items', () => {
    expect(show(moveToPart(tree, 'a', false))).toBe('Ö b, Ö c, N a[a1 a2 a3], N x, N y[y1]');
  });

  it('moves an item into the public part as its last item', () => {
    expect(show(moveToPart(tree, 'y', true))).toBe('Ö a[a1 a2 a3], Ö b, Ö c, Ö y[y1], N x');
  });

  it('refuses sub-items and items already in that part', () => {
    expect(moveToPart(tree, 'a1', false)).toBe(tree);
    expect(moveToPart(tree, 'b', true)).toBe(tree);
  });
});

describe('moveTo (drag and drop)', () => {
  it('drops a top-level item before or after another one', () => {
    expect(show(moveTo(tree, 'c', 'a', 'before'))).toBe('Ö c, Ö a[a1 a2 a3], Ö b, N x, N y[y1]');
    expect(show(moveTo(tree, 'a', 'c', 'after'))).toBe('Ö b, Ö c, Ö a[a1 a2 a3], N x, N y[y1]');
  });

  it('takes the part of the item it is dropped next to', () => {
    expect(show(moveTo(tree, 'b', 'y', 'after'))).toBe('Ö a[a1 a2 a3], Ö c, N x, N y[y1], N b');
    expect(show(moveTo(tree, 'x', 'a', 'before'))).toBe('Ö x, Ö a[a1 a2 a3], Ö b, Ö c, N y[y1]');
  });

  it('drops an item inside another one as its last sub-item', () => {
    expect(show(moveTo(tree, 'x', 'b', 'inside'))).toBe('Ö a[a1 a2 a3], Ö b[x], Ö c, N y[y1]');
  });

  it('moves a sub-item to another parent or to the top level', () => {
    expect(show(moveTo(tree, 'a1', 'y1', 'before'))).toBe('Ö a[a2 a3], Ö b, Ö c, N x, N y[a1 y1]');
    expect(show(moveTo(tree, 'a3', 'b', 'after'))).toBe('Ö a[a1 a2], Ö b, Ö a3, Ö c, N x, N y[y1]');
  });

  it('reorders sub-items within the same parent', () => {
    expect(show(moveTo(tree, 'a3', 'a1', 'before'))).toBe('Ö a[a3 a1 a2], Ö b, Ö c, N x, N y[y1]');
  });

  it('refuses moves that would make three levels or drop an item on itself', () => {
    expect(moveTo(tree, 'a', 'b', 'inside')).toBe(tree);
    expect(moveTo(tree, 'a', 'y1', 'before')).toBe(tree);
    expect(moveTo(tree, 'b', 'a1', 'inside')).toBe(tree);
    expect(moveTo(tree, 'a', 'a2', 'after')).toBe(tree);
    expect(moveTo(tree, 'b', 'b', 'after')).toBe(tree);
  });
});

describe('possibleMoves', () => {
  it('tells which keyboard moves an item allows', () => {
    expect(possibleMoves(tree, 'x')).toEqual({
      up: false,
      down: true,
      indent: false,
      outdent: false,
      toPublic: true,
      toNonPublic: false,
    });
    expect(possibleMoves(tree, 'a2')).toMatchObject({ up: true, down: true, indent: false, outdent: true });
  });
});
