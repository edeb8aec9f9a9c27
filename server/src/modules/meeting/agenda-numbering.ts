/**
 * Agenda numbering as councils print it: the public part first ("Ö 1", "Ö 1.1", "Ö 2"), then the non-public
 * part ("N 1", …). Sub-items follow their parent and share its part. Pure, so the agenda builder and tests agree.
 */
export interface AgendaNode {
  id: string;
  parentId: string | null;
  public: boolean;
  /** Current order; ties keep input order. */
  position: number;
}

export interface NumberedAgendaNode {
  id: string;
  position: number;
  number: string;
}

export function numberAgenda(nodes: readonly AgendaNode[]): NumberedAgendaNode[] {
  const byPosition = [...nodes].sort((a, b) => a.position - b.position);
  const ids = new Set(byPosition.map((n) => n.id));
  const roots = byPosition.filter((n) => n.parentId === null || !ids.has(n.parentId));
  const childrenOf = (id: string) => byPosition.filter((n) => n.parentId === id);

  const result: NumberedAgendaNode[] = [];
  for (const part of [true, false]) {
    const prefix = part ? 'Ö' : 'N';
    roots
      .filter((root) => root.public === part)
      .forEach((root, rootIndex) => {
        const rootNumber = `${rootIndex + 1}`;
        result.push({ id: root.id, position: result.length, number: `${prefix} ${rootNumber}` });
        childrenOf(root.id).forEach((child, childIndex) => {
          result.push({ id: child.id, position: result.length, number: `${prefix} ${rootNumber}.${childIndex + 1}` });
        });
      });
  }
  return result;
}
