/** How the API signs and addresses approval links (absent: links are off). */
export interface ApprovalLinkSettings {
  /** HMAC secret shared with worker-cpu, which signs the links it sends out. */
  secret: string;
  /** Base URL people reach the API at (`https://reviews.example.com`); links are relative without it. */
  publicUrl?: string;
}
