// The stop-word lists of the `stopword` package (it ships no types); only the two journey reads.
declare module 'stopword' {
  export const nld: string[];
  export const eng: string[];
}
