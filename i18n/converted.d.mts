export declare const CONVERTED: string[];
