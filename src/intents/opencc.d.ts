/** OpenCC's Traditional-to-Simplified character table: "傳 传|國 国|…", each source with its candidates, the first preferred. */
declare module 'opencc-js/dict/TSCharacters' {
  const table: string;
  export default table;
}
