// Messages of one module, kept in their own file so modules can be built side by side.
export const importsZhCN = {
  title: '导入导出',
}
