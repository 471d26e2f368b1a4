// Messages of one module, kept in their own file so modules can be built side by side.
export const qualityZhCN = {
  title: '数据质量',
}
