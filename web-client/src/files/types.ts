/** A file shared in a space (docs/protocol.md, "Files"). */
export interface SharedFile {
  id: string;
  space: string;
  name: string;
  size: number;
  /** Sniffed from the bytes by the server. */
  type: string;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
  /** Whether `…/thumbnail` has a preview. */
  thumbnail: boolean;
}
