// Messages of one module, kept in their own file so modules can be built side by side.
export const migrationZhCN = {
  title: '流动人口',
}
