import type { ReactNode } from 'react';

/**
 * A list of items as a table that scrolls sideways on narrow screens: one header row of column names, then one
 * `<tr>` per item from `row` (which sets the row's key). With no items, the `empty` text stands in its place.
 */
export function ItemTable<T>({
  className,
  columns,
  items,
  row,
  empty,
}: {
  className: string;
  columns: readonly string[];
  items: readonly T[];
  row: (item: T) => ReactNode;
  empty: string;
}) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <div className="table-wrap">
      <table className={className}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              // A fixed set of columns: the position is a stable key, and two headings may read alike.
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{items.map((item) => row(item))}</tbody>
      </table>
    </div>
  );
}
